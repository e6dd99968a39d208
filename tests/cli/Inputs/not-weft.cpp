// A program that does not use weft's runtime.
int main() { return 3; }
