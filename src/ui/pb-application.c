/* pb-application.c: placeholder */
#include "config.h"
