// Prints 1 GB.
#include <cstdio>
#include <string>
int main() {
  std::string mb(1 << 20, 'x');
  for (int i = 0; i < 1024; ++i)
    std::fwrite(mb.data(), 1, mb.size(), stdout);
  std::printf("hello 42\n");
}
