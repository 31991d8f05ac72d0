/* pb-config-file.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pb-config-file.h"
