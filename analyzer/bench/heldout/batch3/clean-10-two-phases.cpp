// clean: two phases, each started and joined before the next; ids passed as arguments
#include <iostream>
#include <thread>
#include <vector>

int grid[4][100];
int rowsum[4];

void fill(int row) {
  for (int c = 0; c < 100; c++)
    grid[row][c] = row * c;
}

void sum(int row) {
  int s = 0;
  for (int c = 0; c < 100; c++)
    s += grid[row][c];
  rowsum[row] = s;
}

int main() {
  std::vector<std::thread> ts;
  for (int r = 0; r < 4; r++)
    ts.emplace_back(fill, r);
  for (auto &t : ts)
    t.join();
  ts.clear();
  for (int r = 0; r < 4; r++)
    ts.emplace_back(sum, r);
  for (auto &t : ts)
    t.join();
  for (int r = 0; r < 4; r++)
    std::cout << rowsum[r] << "\n";
}
