//===- runtime/lib/threading/Lock.cpp - threading.Lock and threading.RLock ----------===//
//
// Thin front ends over LockCore. A lock destroyed while held or waited for
// (a global lock at exit while a daemon thread still waits on it) keeps its
// core alive rather than stranding the waiters on freed memory.
//===----------------------------------------------------------------------===//
#include "threading/LockCore.h"
#include "weft/threading.h"

namespace weft::threading {

Lock::Lock(SourceLoc Loc)
    : Core(std::make_unique<core::LockCore>(false, "", Loc)) {}
Lock::Lock(std::string Name, SourceLoc Loc)
    : Core(std::make_unique<core::LockCore>(false, Name, Loc)) {}
Lock::~Lock() {
  if (Core && Core->busy())
    (void)Core.release(); // deliberately leaked, see above
}
bool Lock::acquire(bool Blocking, double Timeout, SourceLoc Loc) {
  return Core->acquire(Blocking, Timeout, Loc);
}
void Lock::release(SourceLoc Loc) { Core->release(Loc); }
bool Lock::locked() const { return Core->locked(); }

RLock::RLock(SourceLoc Loc)
    : Core(std::make_unique<core::LockCore>(true, "", Loc)) {}
RLock::RLock(std::string Name, SourceLoc Loc)
    : Core(std::make_unique<core::LockCore>(true, Name, Loc)) {}
RLock::~RLock() {
  if (Core && Core->busy())
    (void)Core.release();
}
bool RLock::acquire(bool Blocking, double Timeout, SourceLoc Loc) {
  return Core->acquire(Blocking, Timeout, Loc);
}
void RLock::release(SourceLoc Loc) { Core->release(Loc); }
bool RLock::locked() const { return Core->locked(); }

} // namespace weft::threading
