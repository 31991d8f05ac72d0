/* pb-diff-view.c: placeholder until the dialog lands */
#include "config.h"
