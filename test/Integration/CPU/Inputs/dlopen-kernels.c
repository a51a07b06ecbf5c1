/* Loads a kernel library the way a plain C program does, without -lm:
 * every symbol must resolve from the library's own NEEDED entries. */
#include <dlfcn.h>
#include <stdio.h>

int main(int argc, char **argv) {
  if (argc != 2)
    return 2;
  void *library = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
  if (!library) {
    printf("dlopen failed: %s\n", dlerror());
    return 1;
  }
  printf("loaded, descriptions %s\n",
         dlsym(library, "_ps_kernel_descriptions") ? "present" : "missing");
  return 0;
}
