//===- weft/weft.h - everything ------------------------------------------===//
#ifndef WEFT_WEFT_H
#define WEFT_WEFT_H
#include "weft/errors.h"
#include "weft/futures.h"
#include "weft/multiprocessing.h"
#include "weft/os.h"
#include "weft/print.h"
#include "weft/queue.h"
#include "weft/random.h"
#include "weft/subprocess.h"
#include "weft/threading.h"
#include "weft/time.h"
#endif
