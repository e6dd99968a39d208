// deadlock: each object locks itself, then calls into the other object, which locks itself
#include <mutex>
#include <thread>

class Node {
public:
  void link(Node &other) {
    std::lock_guard<std::mutex> g(mu);
    neighbours++;
    other.touch();
  }
  void touch() {
    std::lock_guard<std::mutex> g(mu);
    visits++;
  }
private:
  std::mutex mu;
  int neighbours = 0;
  int visits = 0;
};

Node left_node, right_node;

int main() {
  std::thread t1([] { left_node.link(right_node); });
  std::thread t2([] { right_node.link(left_node); });
  t1.join();
  t2.join();
}
