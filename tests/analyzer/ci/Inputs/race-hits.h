inline int hits;

inline void count() {
  hits++;
}
