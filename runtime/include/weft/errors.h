//===- weft/errors.h - Python's exceptions, C++ spelling ------------------===//
//
// A misuse of the runtime API raises one of these with Python's own message
// ("release unlocked lock"), so a student recognizes it from the course.
// what() is the message; pythonName() is the Python exception class.
//===----------------------------------------------------------------------===//
#ifndef WEFT_ERRORS_H
#define WEFT_ERRORS_H

#include <stdexcept>
#include <string>

namespace weft {

class Error : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
  virtual const char *pythonName() const noexcept = 0;
};

#define WEFT_ERROR(Cls, PyName)                                                \
  class Cls : public Error {                                                   \
  public:                                                                      \
    using Error::Error;                                                        \
    const char *pythonName() const noexcept override { return PyName; }        \
  };
#include "weft/errors.def"

/// Raises the weft exception whose Python name is \p PythonName ("ValueError")
/// with \p Message; Exception for a name weft does not know.
[[noreturn]] void raiseByName(const std::string &PythonName,
                              const std::string &Message);

} // namespace weft

#endif
