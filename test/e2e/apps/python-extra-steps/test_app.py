import unittest

from app import app


class StatusPageTest(unittest.TestCase):
    def setUp(self):
        self.client = app.test_client()

    def test_health(self):
        response = self.client.get("/health")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.get_json()["status"], "ok")

    def test_page_lists_services(self):
        response = self.client.get("/")
        self.assertIn(b"mailer", response.data)

    def test_update(self):
        response = self.client.post("/services/worker", json={"state": "down"})
        self.assertEqual(response.get_json()["worker"], "down")


if __name__ == "__main__":
    unittest.main()
