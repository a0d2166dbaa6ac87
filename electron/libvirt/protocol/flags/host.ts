/** Host (node) call constants, with libvirt's names minus the VIR_ prefix. */

/** VIR_NODE_CPU_STATS_ALL_CPUS: NODE_GET_CPU_STATS over every CPU. */
export const NODE_CPU_STATS_ALL_CPUS = -1;
/** VIR_NODE_MEMORY_STATS_ALL_CELLS: NODE_GET_MEMORY_STATS over every NUMA cell. */
export const NODE_MEMORY_STATS_ALL_CELLS = -1;
