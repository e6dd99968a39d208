// Writes outside its scratch directory: beside the assignment, in /usr.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <initializer_list>
int main() {
  for (const char *p : {"@ASSIGNMENT@/../escaped.txt", "/usr/escaped.txt"}) {
    FILE *f = std::fopen(p, "w");
    std::printf("%s: %s\n", p, f ? "written" : std::strerror(errno));
  }
  return 1;
}
