// Seed 004 (线程池的基本使用-实现多线程流下载): pool.map over a list of URLs;
// each task streams one "download" to a file in chunks of 1024 bytes.
// Lesson: `with ThreadPoolExecutor(max_workers=5) as pool: pool.map(prints,
// urls)` runs prints(url) for every url on the pool's threads, and the end
// of the `with` block waits for all of them. Bug: none (clean).
//
// The seed downloads http URLs with requests.get(url, stream=True) and
// r.iter_content(1024); the URLs are placeholders ("url1", "url2", "url3")
// and a test cannot use the network. Here the "server" is a local
// directory: main first writes server/url1..url3 (a stand-in for the web
// server's files), and prints() reads the "url" in chunks of 1024 bytes
// (iter_content) and writes them to the file named by the URL's last part,
// in the current directory, as the seed does. So that running the sample
// leaves nothing behind, main first moves into a fresh directory under
// /tmp (or into the directory given as its argument) and says which.
//
//   from concurrent.futures import ThreadPoolExecutor
//   import requests
#include <weft/weft.h>

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>

#include <fstream>
#include <string>
#include <vector>

using namespace weft;
using futures::ThreadPoolExecutor;

// 线程数
const int num_Thread = 5;
// 缓冲大小
const int content_size = 1024;

void prints(std::string url) {
  std::ifstream r(url, std::ios::binary); // r = requests.get(url,stream=True)
  std::string filename = url.substr(url.rfind('/') + 1); // url.split("/")[-1]
  std::ofstream f(filename, std::ios::binary); // with open(filename,"wb") as f:
  char data[content_size];
  // for data in r.iter_content(content_size): f.write(data)
  while (r.read(data, content_size) || r.gcount() > 0)
    f.write(data, r.gcount());
}

// Not in the seed: the web server's three files (a few chunks each).
void make_server_files() {
  ::mkdir("server", 0755);
  const std::vector<std::pair<std::string, int>> files = {
      {"server/url1", 3000}, {"server/url2", 5000}, {"server/url3", 100}};
  for (const auto &[path, size] : files) {
    std::ofstream out(path, std::ios::binary);
    for (int i = 0; i < size; ++i)
      out.put(static_cast<char>('a' + i % 26));
  }
}

int main(int argc, char **argv) {
  // Not in the seed: where to work (see the header comment).
  std::string dir = argc > 1 ? argv[1] : "/tmp/weft-F02-XXXXXX";
  if (argc <= 1 && !::mkdtemp(dir.data()))
    return 1;
  if (::chdir(dir.c_str()) != 0)
    return 1;
  print("downloads in " + dir);

  make_server_files();
  std::vector<std::string> urls = {"server/url1", "server/url2",
                                   "server/url3"};

  {
    // with ThreadPoolExecutor(max_workers=num_Thread) as bool:
    // (`bool` is a C++ keyword, hence bool_)
    ThreadPoolExecutor bool_(num_Thread);
    bool_.map(prints, urls);
  }
}
