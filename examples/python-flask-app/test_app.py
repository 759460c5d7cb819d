import unittest

from app import NOTES, app


class NotesTest(unittest.TestCase):
    def setUp(self):
        NOTES.clear()
        self.client = app.test_client()

    def test_health(self):
        response = self.client.get("/health")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.get_json(), {"status": "ok"})

    def test_add_and_read_a_note(self):
        created = self.client.post("/notes", json={"text": "buy milk"})
        self.assertEqual(created.status_code, 201)
        note_id = created.get_json()["id"]
        self.assertEqual(self.client.get(f"/notes/{note_id}").get_json()["text"], "buy milk")

    def test_empty_note_is_refused(self):
        self.assertEqual(self.client.post("/notes", json={"text": " "}).status_code, 400)

    def test_index_escapes_html(self):
        self.client.post("/notes", json={"text": "<b>bold</b>"})
        page = self.client.get("/").get_data(as_text=True)
        self.assertIn("&lt;b&gt;bold&lt;/b&gt;", page)


if __name__ == "__main__":
    unittest.main()
