//===- runtime/lib/record/Recorder.cpp - events of the running program -----------===//
#include "record/Recorder.h"

#include "core/Actor.h"
#include "core/Clock.h"
#include "sched/ControlledKernel.h"
#include "record/Monitor.h"

#include <functional>
#include <mutex>
#include <time.h>

namespace weft::core {
namespace {

/// Sites any thread has seen: (file_name() pointer, line, column) -> id.
/// file_name() is a string literal, stable for the life of the program, so
/// its address is a good key. An open-addressed table, read without a lock
/// (Id is stored last, with release) and filled under SiteMu; a site that
/// finds no free slot near its hash is looked up under SiteMu every time.
struct SharedSite {
  std::atomic<const char *> File{nullptr};
  std::atomic<uint32_t> Line{0}, Column{0};
  std::atomic<uint32_t> Id{0}; // 0: free
};
constexpr size_t SharedSlots = 4096; // a power of 2
constexpr size_t SharedProbes = 16;
SharedSite SharedSites[SharedSlots];

uint64_t siteHash(const char *File, uint32_t Line, uint32_t Column) {
  uint64_t H = reinterpret_cast<uintptr_t>(File) ^ (uint64_t(Line) << 20) ^
               (uint64_t(Column) << 8);
  return H * 0x9e3779b97f4a7c15ull;
}

uint32_t findShared(const char *File, uint32_t Line, uint32_t Column) {
  uint64_t H = siteHash(File, Line, Column) >> 40;
  for (size_t P = 0; P < SharedProbes; ++P) {
    SharedSite &S = SharedSites[(H + P) & (SharedSlots - 1)];
    uint32_t Id = S.Id.load(std::memory_order_acquire);
    if (Id == 0)
      return 0;
    if (S.File.load(std::memory_order_relaxed) == File &&
        S.Line.load(std::memory_order_relaxed) == Line &&
        S.Column.load(std::memory_order_relaxed) == Column)
      return Id;
  }
  return 0;
}

/// SiteMu held (the only writer).
void addShared(const char *File, uint32_t Line, uint32_t Column,
               uint32_t Id) {
  uint64_t H = siteHash(File, Line, Column) >> 40;
  for (size_t P = 0; P < SharedProbes; ++P) {
    SharedSite &S = SharedSites[(H + P) & (SharedSlots - 1)];
    if (S.Id.load(std::memory_order_relaxed) != 0)
      continue;
    S.File.store(File, std::memory_order_relaxed);
    S.Line.store(Line, std::memory_order_relaxed);
    S.Column.store(Column, std::memory_order_relaxed);
    S.Id.store(Id, std::memory_order_release);
    return;
  }
}

size_t fastSlot(const char *File, uint32_t Line, uint32_t Column) {
  static_assert(Recorder::FastSlots == 64, "the top 6 bits of the hash");
  return static_cast<size_t>(siteHash(File, Line, Column) >> 58);
}

} // namespace

size_t Recorder::SiteKeyHash::operator()(const SiteKey &K) const {
  return std::hash<std::string>()(K.File) ^ (size_t(K.Line) << 16) ^ K.Column;
}

void Recorder::open(const std::string &Path, const trace::HeaderInfo &Info,
                    std::string &Error) {
  StartNs = static_cast<uint64_t>(clockNs(CLOCK_MONOTONIC));
  if (!Path.empty())
    Writer = trace::TraceWriter::create(Path, Info, Error);
}

uint64_t Recorder::nowMicros(bool Precise) const {
  if (Ctl) [[unlikely]]
    return static_cast<uint64_t>(Ctl->now() / 1000); // virtual time
  uint64_t Ns = static_cast<uint64_t>(
      clockNs(Precise ? CLOCK_MONOTONIC : CLOCK_MONOTONIC_COARSE));
  return Ns > StartNs ? (Ns - StartNs) / 1000 : 0;
}

uint32_t Recorder::site(const std::source_location &L) {
  const char *File = L.file_name();
  const uint32_t Line = L.line(), Column = L.column();
  FastSite *Table = mySiteTable();
  FastSite *F = Table ? &Table[fastSlot(File, Line, Column)] : nullptr;
  if (F && F->File == File && F->Line == Line && F->Column == Column) [[likely]]
    return F->Id;
  uint32_t Id = findShared(File, Line, Column);
  if (Id == 0)
    Id = internSite(File, Line, Column);
  if (F)
    *F = FastSite{File, Line, Column, Id};
  return Id;
}

uint32_t Recorder::internSite(const char *File, uint32_t Line,
                              uint32_t Column) {
  std::lock_guard<InternalMutex> G(SiteMu);
  if (uint32_t Id = findShared(File, Line, Column))
    return Id; // another thread added it since this one looked
  SiteKey Key{File, Line, Column};
  auto It = SiteIds.find(Key);
  uint32_t Id;
  if (It != SiteIds.end()) {
    Id = It->second; // the same place under another file_name() pointer
  } else {
    Id = Writer ? Writer->internSite(File, Line, Column) : NextOwnSite++;
    SiteIds.emplace(Key, Id);
    SiteLocs[Id] = report::Location{File, Line, Column};
  }
  addShared(File, Line, Column, Id);
  return Id;
}

uint32_t Recorder::string(std::string_view S) {
  return Writer ? Writer->internString(S) : 0;
}

uint32_t Recorder::newObject(trace::ObjectType Type, uint32_t Site,
                             std::string_view Name) {
  uint32_t Id = NextObject.fetch_add(1, std::memory_order_relaxed);
  {
    std::lock_guard<InternalMutex> G(ObjectMu);
    Objects[Id] = ObjectEntry{Type, Site, std::string(Name)};
  }
  writeObjectDef(Id, Type, Site, Name);
  return Id;
}

void Recorder::writeObjectDef(uint32_t Id, trace::ObjectType Type,
                              uint32_t Site, std::string_view Name) {
  if (!Writer)
    return;
  trace::Record R{};
  R.Kind = static_cast<uint8_t>(trace::EventKind::ObjectDef);
  R.Flags = static_cast<uint8_t>(Type);
  R.Object = Id;
  R.Site = Site;
  R.Time = Name.empty() ? 0 : Writer->internString(Name);
  Writer->append(R);
}

void Recorder::defineActor(const Actor &A, std::string_view Name) {
  if (!Writer)
    return;
  trace::Record R{};
  R.Kind = static_cast<uint8_t>(trace::EventKind::ActorDef);
  R.Flags = static_cast<uint8_t>(A.Type);
  R.Actor = A.Id;
  R.Object = Writer->internString(Name);
  R.Site = A.StartSite;
  Writer->append(R);
}

report::Location Recorder::location(uint32_t Site) const {
  std::lock_guard<InternalMutex> G(SiteMu);
  auto It = SiteLocs.find(Site);
  return It == SiteLocs.end() ? report::Location{} : It->second;
}

ObjectEntry Recorder::object(uint32_t Id) const {
  std::lock_guard<InternalMutex> G(ObjectMu);
  auto It = Objects.find(Id);
  return It == Objects.end() ? ObjectEntry{} : It->second;
}

bool Recorder::otherObjectOnLine(uint32_t Id) const {
  std::vector<uint32_t> Sites;
  uint32_t Mine = 0;
  {
    std::lock_guard<InternalMutex> G(ObjectMu);
    auto It = Objects.find(Id);
    if (It == Objects.end())
      return false;
    Mine = It->second.Site;
    for (const auto &[OtherId, Other] : Objects)
      if (OtherId != Id && Other.Site != Mine)
        Sites.push_back(Other.Site);
  }
  report::Location L = location(Mine);
  for (uint32_t S : Sites) {
    report::Location O = location(S);
    if (O.Line == L.Line && O.File == L.File)
      return true;
  }
  return false;
}

void Recorder::lockForFork() {
  SiteMu.lock();
  ObjectMu.lock();
}

void Recorder::unlockAfterFork() {
  ObjectMu.unlock();
  SiteMu.unlock();
}

void Recorder::inheritAfterFork(const Recorder &Parent) {
  // Held by the parent's fork across it, so consistent here (and never
  // unlocked: the parent's recorder is not used again in this process).
  forgetThreadStream();
  for (SharedSite &S : SharedSites)
    S.Id.store(0, std::memory_order_relaxed);
  StartNs = Parent.StartNs; // one time origin for every file of the run
  NextObject.store(Parent.NextObject.load());
  for (const auto &[Id, E] : Parent.Objects) {
    uint32_t Site = 0;
    auto L = Parent.SiteLocs.find(E.Site);
    if (L != Parent.SiteLocs.end())
      Site = internSite(L->second.File.c_str(), L->second.Line,
                        L->second.Column);
    {
      std::lock_guard<InternalMutex> G(ObjectMu);
      Objects[Id] = ObjectEntry{E.Type, Site, E.Name};
    }
    writeObjectDef(Id, E.Type, Site, E.Name);
  }
}

} // namespace weft::core
