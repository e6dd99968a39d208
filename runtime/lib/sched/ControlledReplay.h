//===- runtime/lib/sched/ControlledReplay.h - what a replay must reproduce ------===//
//
// A replay (WEFT_SCHEDULE=replay:TRACE) reads the recorded trace once, at
// start: its Schedule records become the replay strategy's choices, and its
// other Sync events the sequence the new run must reproduce, event by
// event. Events are compared by kind, flags, actor, object and call site
// (file:line:column, so a recompiled program with the same code still
// matches); the first difference is a divergence, reported with both
// events and their call sites.
//===----------------------------------------------------------------------===//
#ifndef WEFT_RUNTIME_CONTROLLEDREPLAY_H
#define WEFT_RUNTIME_CONTROLLEDREPLAY_H

#include "sched/Strategy.h"
#include "trace/Record.h"

#include <cstdint>
#include <string>
#include <vector>

namespace weft::core {

struct Runtime;

struct ExpectedEvent {
  trace::EventKind Kind;
  uint8_t Flags;
  uint16_t Actor;
  uint32_t Object;
  std::string Site; // "file:line:column" or ""
  std::string Text; // for the divergence report
};

struct ReplayScript {
  std::vector<ExpectedEvent> Events;
  std::vector<sched::RecordedChoice> Choices;
  uint64_t Seed = 0;
};

/// Reads \p Path. False (and \p Error) if it is not a readable trace of a
/// controlled run.
bool loadReplayScript(const std::string &Path, ReplayScript &Out,
                      std::string &Error);

/// "file:line:column" of a live site id ("" for none).
std::string liveSiteText(Runtime &R, uint32_t Site);
/// "thread 'Thread-1' lock-request Lock 'knife' at cooks.cpp:24:3" for a
/// live event.
std::string describeLiveEvent(Runtime &R, trace::EventKind Kind, uint8_t Flags,
                              uint16_t Actor, uint32_t Object, uint32_t Site);

} // namespace weft::core

#endif
