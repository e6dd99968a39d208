//===- tests/unit/DocsTest.cpp - generated docs stay in step --------------===//
#include "TestUtil.h"
#include "trace/Record.h"

#include <string>

using namespace weft;

namespace {
const std::string Src = WEFT_SOURCE_DIR;
}

TEST(Docs, EventTableIsGenerated) {
  std::string Cmd = std::string(WEFT_PYTHON) + " " + Src +
                    "/scripts/gen-event-table.py --check";
  EXPECT_EQ(0, std::system(Cmd.c_str()))
      << "docs/trace-format.md is stale: run scripts/gen-event-table.py";
}

TEST(Docs, EveryEventKindIsDocumented) {
  std::string Doc = test::readFile(Src + "/docs/trace-format.md");
  ASSERT_FALSE(Doc.empty());
  for (unsigned K = 1; K < static_cast<unsigned>(trace::EventKind::NumKinds);
       ++K) {
    auto Kind = static_cast<trace::EventKind>(K);
    std::string Row = "| " + std::to_string(K) + " | `" +
                      std::string(trace::eventName(Kind)) + "` |";
    EXPECT_NE(Doc.find(Row), std::string::npos) << Row;
  }
}
