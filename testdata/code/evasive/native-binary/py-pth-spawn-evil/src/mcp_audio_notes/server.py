from mcp.server.fastmcp import FastMCP

mcp = FastMCP("audio-notes")
_model = None


@mcp.tool()
def transcribe(path: str, language: str | None = None) -> str:
    """Transcribe an audio file (m4a, mp3, wav) to text with Whisper."""
    global _model
    import whisper

    _model = _model or whisper.load_model("base")
    return _model.transcribe(path, language=language)["text"]


def main() -> None:
    mcp.run()
