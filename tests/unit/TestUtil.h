//===- tests/unit/TestUtil.h - helpers shared by the unit tests -----------===//
#ifndef WEFT_TESTS_UNIT_TESTUTIL_H
#define WEFT_TESTS_UNIT_TESTUTIL_H

#include "trace/Trace.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <string>

namespace weft::test {

/// A fresh directory under $TMPDIR (or /tmp), removed with its contents.
class TempDir {
public:
  TempDir() {
    const char *Tmp = std::getenv("TMPDIR");
    std::string Pattern =
        std::string(Tmp && *Tmp ? Tmp : "/tmp") + "/weft-unit-XXXXXX";
    if (::mkdtemp(Pattern.data()))
      Path = Pattern;
  }
  ~TempDir() {
    std::error_code EC;
    if (!Path.empty())
      std::filesystem::remove_all(Path, EC);
  }
  std::string file(const std::string &Name) const { return Path + "/" + Name; }
  bool ok() const { return !Path.empty(); }

private:
  std::string Path;
};

inline trace::Record record(trace::EventKind K, uint16_t Actor, uint32_t Object,
                            uint32_t Site = 0, uint8_t Flags = 0,
                            uint32_t Time = 0) {
  trace::Record R{};
  R.Kind = static_cast<uint8_t>(K);
  R.Flags = Flags;
  R.Actor = Actor;
  R.Object = Object;
  R.Site = Site;
  R.Time = Time;
  return R;
}

inline std::string readFile(const std::string &Path) {
  std::ifstream In(Path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(In), {});
}

inline void writeFile(const std::string &Path, const std::string &Bytes) {
  std::ofstream Out(Path, std::ios::binary | std::ios::trunc);
  Out.write(Bytes.data(), static_cast<std::streamsize>(Bytes.size()));
}

/// Byte offset of record \p Index in a trace file.
inline size_t recordOffset(size_t Index) {
  return sizeof(trace::FileHeader) + Index * sizeof(trace::Record);
}

} // namespace weft::test

#endif
