from docutils.core import publish_parts


def render(text: str) -> str:
    return publish_parts(text, writer_name="html")["html_body"]
