// Each thread has its own range of the input, but the histogram bin it
// increments depends on the data, not on the thread: a race on hist[*].
// RUN: %expect-exit 1 %weft analyze %s --format=text 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// REQUIRES: analyzer
#include <pthread.h>
#include <stdio.h>

#define N 1000
#define NT 4
int data[N];
int hist[10];

struct range { int lo, hi; };

void *count_bins(void *p) {
  struct range *r = p;
  for (int i = r->lo; i < r->hi; i++)
    // CHECK: histogram-bins.c:[[#@LINE+1]]:5: warning: data race on 'hist[*]': written here by thread 'count_bins' (no lock held) and written at line [[#@LINE+1]] by another instance of thread 'count_bins' (no lock held) [data-race]
    hist[data[i] % 10]++;
  return 0;
}

int main(void) {
  pthread_t t[NT];
  struct range r[NT];
  for (int i = 0; i < N; i++)
    data[i] = i * 7;
  for (int i = 0; i < NT; i++) {
    r[i].lo = i * (N / NT);
    r[i].hi = (i + 1) * (N / NT);
    pthread_create(&t[i], 0, count_bins, &r[i]);
  }
  for (int i = 0; i < NT; i++)
    pthread_join(t[i], 0);
  for (int b = 0; b < 10; b++)
    printf("%d: %d\n", b, hist[b]);
}
