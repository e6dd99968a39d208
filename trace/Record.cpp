//===- trace/Record.cpp - tables generated from Events.def ----------------===//
#include "trace/Record.h"

namespace weft::trace {
namespace {
constexpr EventInfo Infos[] = {
    {"invalid", Category::Meta, HbEffect::None, "never written"},
#define WEFT_EVENT(Name, Text, Cat, Hb, Doc)                                   \
  {Text, Category::Cat, HbEffect::Hb, Doc},
#include "trace/Events.def"
};
static_assert(sizeof(Infos) / sizeof(Infos[0]) ==
              static_cast<size_t>(EventKind::NumKinds));

struct ObjInfo {
  std::string_view Name;
  bool IsLock, Recursive;
};
constexpr ObjInfo ObjInfos[] = {
#define WEFT_OBJECT_TYPE(Name, Text, IsLock, Recursive) {Text, IsLock, Recursive},
#include "trace/ObjectTypes.def"
};
constexpr std::string_view ActorNames[] = {
#define WEFT_ACTOR_TYPE(Name, Text) Text,
#include "trace/ObjectTypes.def"
};
} // namespace

const EventInfo *eventInfo(EventKind K) {
  auto I = static_cast<size_t>(K);
  if (I == 0 || I >= sizeof(Infos) / sizeof(Infos[0]))
    return nullptr;
  return &Infos[I];
}

std::string_view eventName(EventKind K) {
  const EventInfo *I = eventInfo(K);
  return I ? I->Name : std::string_view("unknown");
}

std::string_view actorTypeName(ActorType T) {
  auto I = static_cast<size_t>(T);
  return I < std::size(ActorNames) ? ActorNames[I] : "actor";
}
std::string_view objectTypeName(ObjectType T) {
  auto I = static_cast<size_t>(T);
  return I < std::size(ObjInfos) ? ObjInfos[I].Name : "object";
}
bool objectTypeIsLock(ObjectType T) {
  auto I = static_cast<size_t>(T);
  return I < std::size(ObjInfos) && ObjInfos[I].IsLock;
}
bool objectTypeIsRecursive(ObjectType T) {
  auto I = static_cast<size_t>(T);
  return I < std::size(ObjInfos) && ObjInfos[I].Recursive;
}

bool objectTypeIsAsyncio(ObjectType T) {
  return T == ObjectType::AsyncioLock || T == ObjectType::AsyncioEvent ||
         T == ObjectType::AsyncioQueue;
}

} // namespace weft::trace
