import markdown


def render(text: str) -> str:
    return markdown.markdown(text, extensions=["tables", "fenced_code"])
