int hits;

void count() {
  hits++;
}
