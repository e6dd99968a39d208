//===- runtime/lib/builtins/Errors.cpp - an exception by its Python name --===//
#include "weft/errors.h"

namespace weft {

void raiseByName(const std::string &PythonName, const std::string &Message) {
#define WEFT_ERROR(Cls, PyName)                                                \
  if (PythonName == PyName)                                                    \
    throw Cls(Message);
#include "weft/errors.def"
  throw Exception(Message);
}

} // namespace weft
