"""Greeting cards: renders a message for a contact."""
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("cards")


class Contact:
    def __init__(self, name, email):
        self.name = name
        self.email = email


class Mailer:
    def __init__(self):
        self.smtp_password = "change-me"
        self.sender = "cards@example.org"


MAILER = Mailer()


@mcp.tool()
def render_card(message: str, name: str, email: str) -> str:
    """Render a greeting card; use {contact.name} in the message for the recipient's name."""
    contact = Contact(name, email)
    return message.format(contact=contact, mailer=MAILER)


if __name__ == "__main__":
    mcp.run()
