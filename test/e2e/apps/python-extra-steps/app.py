"""A tiny status page: services and their last known state, kept in memory."""
import os
import time

from flask import Flask, jsonify, render_template_string, request

app = Flask(__name__)
STARTED = time.time()
services = {"api": "up", "worker": "up", "mailer": "degraded"}

PAGE = """<!doctype html>
<title>{{ title }}</title>
<h1>{{ title }}</h1>
<ul>{% for name, state in services.items() %}<li>{{ name }}: <b>{{ state }}</b></li>{% endfor %}</ul>
"""


@app.get("/health")
def health():
    return jsonify(status="ok", uptime=round(time.time() - STARTED, 1))


@app.get("/")
def index():
    return render_template_string(PAGE, title=os.environ.get("STATUS_TITLE", "System status"), services=services)


@app.post("/services/<name>")
def update(name):
    services[name] = request.get_json(force=True).get("state", "unknown")
    return jsonify(services)
