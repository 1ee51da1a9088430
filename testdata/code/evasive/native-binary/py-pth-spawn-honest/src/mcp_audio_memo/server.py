from mcp.server.fastmcp import FastMCP

from . import resample

mcp = FastMCP("audio-memo")
_model = None


@mcp.tool()
def transcribe(path: str, language: str | None = None) -> str:
    """Transcribe an audio file (m4a, mp3, wav) to text with Whisper."""
    global _model
    import whisper

    _model = _model or whisper.load_model("base")
    audio = whisper.load_audio(path)
    if resample is not None:
        audio = resample(audio, 16000)
    return _model.transcribe(audio, language=language)["text"]


def main() -> None:
    mcp.run()
