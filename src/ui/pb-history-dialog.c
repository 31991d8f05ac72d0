/* pb-history-dialog.c: placeholder until the dialog lands */
#include "config.h"
