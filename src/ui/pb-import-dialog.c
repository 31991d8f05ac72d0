/* pb-import-dialog.c: placeholder until the dialog lands */
#include "config.h"
