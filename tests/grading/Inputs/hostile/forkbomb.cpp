// A fork bomb: forks for ever (fork fails at the process limit).
#include <unistd.h>
int main() {
  for (;;)
    fork();
}
