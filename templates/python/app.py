import os

import psycopg2
from flask import Flask

app = Flask(__name__)


@app.get("/health")
def health():
    return "ok"


@app.get("/db")
def db():
    with psycopg2.connect(os.environ["DATABASE_URL"]) as connection, connection.cursor() as cursor:
        cursor.execute("select version()")
        return cursor.fetchone()[0]


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=5000)
