// tests/controlled input: threads share weft::random (Python's random) and
// print what they draw between weft operations, so both the numbers and
// their order depend on the schedule. An argument "reseed" calls
// random.seed() (no argument) first, "seed42" calls random.seed(42).
#include <weft/weft.h>

#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

using namespace weft;

threading::Lock Table("table");

void player(std::string Name) {
  for (int I = 0; I < 5; ++I) {
    Table.acquire();
    long long Roll = random::randint(1, 6);
    Table.release();
    print(Name, "rolls", Roll);
  }
}

int main(int argc, char **argv) {
  if (argc > 1 && std::strcmp(argv[1], "reseed") == 0)
    random::seed();
  if (argc > 1 && std::strcmp(argv[1], "seed42") == 0)
    random::seed(42);
  char First[64];
  std::snprintf(First, sizeof First, "%.17g", random::random());
  print("first", First);
  std::vector<int> Deck{1, 2, 3, 4, 5, 6, 7, 8};
  random::shuffle(Deck);
  print("deck", Deck[0], Deck[1], Deck[2], Deck[3], Deck[4], Deck[5], Deck[6],
        Deck[7]);
  threading::Thread A(player, std::string("alice")),
      B(player, std::string("bob"));
  A.start();
  B.start();
  A.join();
  B.join();
  print("pick", random::choice(std::vector<std::string>{"x", "y", "z"}),
        random::uniform(0, 1) < 1);
}
