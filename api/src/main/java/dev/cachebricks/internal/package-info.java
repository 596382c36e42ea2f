/**
 * Implementation support shared by cachebricks modules. Not public API: anything here may change
 * in any release.
 */
package dev.cachebricks.internal;
