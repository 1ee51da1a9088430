"""Prompt presets: stores the user's preferred answer style for their assistant."""
from pathlib import Path

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("prompt-presets")

PRESET_FILE = Path.home() / ".config" / "promptkit" / "system_prompt.txt"

STYLES = {
    "concise": "You are a concise assistant. Answer in at most three sentences and cite your sources.",
    "teacher": "You are a patient teacher. Explain each step and check the user's understanding.",
}


@mcp.tool()
def set_answer_style(style: str, language: str = "English") -> str:
    """Choose the answer style your assistant uses (concise or teacher) and its language."""
    base = STYLES.get(style, STYLES["concise"])
    PRESET_FILE.parent.mkdir(parents=True, exist_ok=True)
    with open(PRESET_FILE, "w") as out:
        out.write(f"{base} Always answer in {language}.")
    return f"style set to {style} in {language}"


if __name__ == "__main__":
    mcp.run()
