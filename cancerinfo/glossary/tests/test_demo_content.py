"""The demo glossary comes from a content file (glossary/demo/terms.yaml, docs/demo-content.md): the same terms, other
names and explanations as when it was written in Python. The snapshot in fixtures/demo_terms.json was taken from that
code before the move; definitions' wording is left out, so an editor can improve them freely."""

import json
from pathlib import Path

from cancerinfo.glossary.demo import read_terms

SNAPSHOT = json.loads((Path(__file__).parent / "fixtures" / "demo_terms.json").read_text(encoding="utf-8"))


def shape(entry: dict) -> dict:
    found = {"term": entry["term"], "pronunciation": bool(entry["pronunciation"]), "other_names": entry["other_names"]}
    if entry["explanation"]:
        found["explanation_html"] = entry["explanation"].startswith("<p>") and entry["explanation"].endswith("</p>")
    return found


def test_the_content_file_gives_the_same_terms_as_before():
    assert [shape(entry) for entry in read_terms()] == SNAPSHOT


def test_an_explanation_is_markdown_made_into_safe_rich_text(tmp_path):
    path = tmp_path / "terms.yaml"
    path.write_text(
        "terms:\n- term: stent\n  definition: A small tube.\n"
        "  explanation: 'It keeps a tube **open** <script>x</script>'\n",
        encoding="utf-8",
    )
    [entry] = read_terms(path)
    assert entry["explanation"] == "<p>It keeps a tube <strong>open</strong> &lt;script&gt;x&lt;/script&gt;</p>"
    assert entry["pronunciation"] == entry["other_names"] == ""
