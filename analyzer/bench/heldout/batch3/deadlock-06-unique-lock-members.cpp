// deadlock: a Bank class moves money between two member mutexes in opposite orders
#include <mutex>
#include <thread>

class Bank {
public:
  void save_to_checking(int x) {
    std::unique_lock<std::mutex> s(savings_m);
    std::unique_lock<std::mutex> c(checking_m);
    savings -= x;
    checking += x;
  }
  void checking_to_save(int x) {
    std::unique_lock<std::mutex> c(checking_m);
    std::unique_lock<std::mutex> s(savings_m);
    checking -= x;
    savings += x;
  }
private:
  std::mutex savings_m, checking_m;
  int savings = 100, checking = 100;
};

int main() {
  Bank b;
  std::thread t1([&] { for (int i = 0; i < 100; i++) b.save_to_checking(1); });
  std::thread t2([&] { for (int i = 0; i < 100; i++) b.checking_to_save(1); });
  t1.join();
  t2.join();
}
