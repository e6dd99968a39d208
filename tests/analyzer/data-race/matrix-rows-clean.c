// Clean (second labeled batch).
// RUN: %expect-exit 0 %weft analyze %s --format=text 2>&1 | count 0
// REQUIRES: analyzer
#include <pthread.h>
int matrix[4][4]; int result[4];
void *row(void *arg) { long r = (long)arg; int s = 0; for (int c = 0; c < 4; c++) s += matrix[r][c]; result[r] = s; return 0; }
int main() { for (int i = 0; i < 4; i++) for (int j = 0; j < 4; j++) matrix[i][j] = i + j; pthread_t t[4]; for (long i = 0; i < 4; i++) pthread_create(&t[i], 0, row, (void *)i); for (int i = 0; i < 4; i++) pthread_join(t[i], 0); return result[0] + result[3]; }
