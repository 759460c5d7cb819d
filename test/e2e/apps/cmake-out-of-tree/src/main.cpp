#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>

#include "counter.hpp"

int main(int argc, char **argv) {
    std::size_t top = 5;
    std::string path;
    for (int i = 1; i < argc; i++) {
        std::string arg = argv[i];
        if (arg == "--version") {
            std::cout << "wordfreq " << WORDFREQ_VERSION << "\n";
            return 0;
        }
        if (arg == "-n" && i + 1 < argc)
            top = static_cast<std::size_t>(std::atoi(argv[++i]));
        else
            path = arg;
    }
    std::ifstream file;
    if (!path.empty()) {
        file.open(path);
        if (!file) {
            std::cerr << "wordfreq: cannot open " << path << "\n";
            return 1;
        }
    }
    std::istream &in = path.empty() ? std::cin : file;
    for (const auto &[word, count] : wordfreq::top_words(in, top)) std::cout << count << " " << word << "\n";
    return 0;
}
