/* pb-window.c: placeholder */
#include "config.h"
