// Takes 1 GB of memory, a page at a time.
#include <cstdio>
#include <vector>
int main() {
  std::vector<std::vector<char>> hog;
  for (int i = 0; i < 1024; ++i)
    hog.emplace_back(1 << 20, 'x');
  std::printf("hello 42\n");
}
