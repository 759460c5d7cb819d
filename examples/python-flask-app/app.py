"""A small notes service: the kind of Flask app people put in a python:3.11 image."""
from flask import Flask, abort, jsonify, render_template_string, request

app = Flask(__name__)
NOTES: dict[int, str] = {}

PAGE = """<!doctype html>
<title>notes</title>
<h1>{{ notes|length }} notes</h1>
<ul>{% for id, text in notes.items() %}<li>{{ id }}: {{ text }}</li>{% endfor %}</ul>
"""


@app.get("/health")
def health():
    return jsonify(status="ok")


@app.get("/")
def index():
    return render_template_string(PAGE, notes=NOTES)


@app.post("/notes")
def add_note():
    text = (request.get_json(silent=True) or {}).get("text", "").strip()
    if not text:
        abort(400, "text is required")
    note_id = max(NOTES, default=0) + 1
    NOTES[note_id] = text
    return jsonify(id=note_id, text=text), 201


@app.get("/notes/<int:note_id>")
def get_note(note_id: int):
    if note_id not in NOTES:
        abort(404)
    return jsonify(id=note_id, text=NOTES[note_id])


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=5000)
