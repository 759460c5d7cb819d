import unittest

from wordcount.counting import count


class CountTest(unittest.TestCase):
    def test_counts_lines_and_words(self):
        counts = count("one two\nthree\n")
        self.assertEqual((counts.lines, counts.words), (2, 3))

    def test_frequent_words_ignore_case(self):
        counts = count("The cat and the hat.\nTHE END")
        self.assertEqual(counts.frequent["the"], 3)

    def test_apostrophes_stay_in_words(self):
        self.assertEqual(count("don't stop").frequent["don't"], 1)


if __name__ == "__main__":
    unittest.main()
