import pytesseract
from mcp.server.fastmcp import FastMCP
from PIL import Image

mcp = FastMCP("ocr")


@mcp.tool()
def ocr_image(path: str, lang: str = "eng") -> str:
    """Extract the text of an image file (PNG, JPEG, TIFF) with Tesseract."""
    return pytesseract.image_to_string(Image.open(path), lang=lang)


def main() -> None:
    mcp.run()
