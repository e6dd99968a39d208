//===- runtime/lib/Recorder.cpp - events of the running program -----------===//
#include "Recorder.h"

#include "Actor.h"
#include "Clock.h"
#include "ControlledKernel.h"
#include "Monitor.h"

#include <functional>
#include <mutex>
#include <time.h>

namespace weft::core {
namespace {

/// The per-thread cache of source_location -> site id. file_name() is a
/// string literal, stable for the life of the program, so its address is a
/// good key.
struct CacheKey {
  const char *File;
  uint32_t Line, Column;
  bool operator==(const CacheKey &) const = default;
};
struct CacheHash {
  size_t operator()(const CacheKey &K) const {
    return std::hash<const void *>()(K.File) ^ (size_t(K.Line) << 16) ^
           K.Column;
  }
};
struct SiteCacheMap {
  std::unordered_map<CacheKey, uint32_t, CacheHash> Map;
  ~SiteCacheMap();
};
thread_local SiteCacheMap SiteCache;
/// Set once this thread's SiteCache is destroyed: the main thread's TLS
/// destructors run before atexit handlers and static destructors, which may
/// still record operations (an executor shut down at exit). A trivially
/// destructible thread_local stays valid until the thread is gone.
thread_local bool SiteCacheGone = false;
SiteCacheMap::~SiteCacheMap() { SiteCacheGone = true; }

/// In front of SiteCache: a small direct-mapped table (trivially
/// destructible, so valid for the thread's whole life). A hit costs a hash
/// and a compare; most programs touch far fewer sites than it has slots.
struct FastSite {
  const char *File;
  uint32_t Line, Column, Id;
};
constexpr size_t FastSlots = 64;
thread_local FastSite FastSites[FastSlots];

size_t fastSlot(const char *File, uint32_t Line, uint32_t Column) {
  uint64_t H = reinterpret_cast<uintptr_t>(File) ^ (uint64_t(Line) << 20) ^
               (uint64_t(Column) << 8);
  H *= 0x9e3779b97f4a7c15ull;
  return static_cast<size_t>(H >> 58); // the top 6 bits: FastSlots = 64
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
  FastSite &F = FastSites[fastSlot(File, Line, Column)];
  if (F.File == File && F.Line == Line && F.Column == Column) [[likely]]
    return F.Id;
  uint32_t Id;
  if (SiteCacheGone) [[unlikely]] {
    Id = internSite(File, Line, Column);
  } else {
    CacheKey K{File, Line, Column};
    auto It = SiteCache.Map.find(K);
    if (It != SiteCache.Map.end()) {
      Id = It->second;
    } else {
      Id = internSite(File, Line, Column);
      SiteCache.Map.emplace(K, Id);
    }
  }
  F = FastSite{File, Line, Column, Id};
  return Id;
}

uint32_t Recorder::internSite(const char *File, uint32_t Line,
                              uint32_t Column) {
  std::lock_guard<InternalMutex> G(SiteMu);
  SiteKey Key{File, Line, Column};
  auto It = SiteIds.find(Key);
  if (It != SiteIds.end())
    return It->second;
  uint32_t Id = Writer ? Writer->internSite(File, Line, Column)
                       : NextOwnSite++;
  SiteIds.emplace(Key, Id);
  SiteLocs[Id] = report::Location{File, Line, Column};
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
  if (Writer) {
    uint32_t NameId = Name.empty() ? 0 : Writer->internString(Name);
    trace::Record R{};
    R.Kind = static_cast<uint8_t>(trace::EventKind::ObjectDef);
    R.Flags = static_cast<uint8_t>(Type);
    R.Object = Id;
    R.Site = Site;
    R.Time = NameId;
    Writer->append(R);
  }
  return Id;
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

} // namespace weft::core
