#pragma once

#include <istream>
#include <string>
#include <utility>
#include <vector>

namespace wordfreq {

// Counts the words of a text (letters and apostrophes, case folded) and returns the `top` most
// frequent, most frequent first, ties in alphabetical order.
std::vector<std::pair<std::string, int>> top_words(std::istream &text, std::size_t top);

}  // namespace wordfreq
