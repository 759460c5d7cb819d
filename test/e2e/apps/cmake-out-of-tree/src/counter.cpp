#include "counter.hpp"

#include <algorithm>
#include <cctype>
#include <map>

namespace wordfreq {

std::vector<std::pair<std::string, int>> top_words(std::istream &text, std::size_t top) {
    std::map<std::string, int> counts;
    std::string word;
    char c;
    auto flush = [&] {
        if (!word.empty()) counts[word]++;
        word.clear();
    };
    while (text.get(c)) {
        if (std::isalpha(static_cast<unsigned char>(c)) || (c == '\'' && !word.empty()))
            word.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
        else
            flush();
    }
    flush();
    std::vector<std::pair<std::string, int>> sorted(counts.begin(), counts.end());
    std::stable_sort(sorted.begin(), sorted.end(), [](const auto &a, const auto &b) { return a.second > b.second; });
    if (sorted.size() > top) sorted.resize(top);
    return sorted;
}

}  // namespace wordfreq
