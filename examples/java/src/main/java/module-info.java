/** The example as a module: it needs panagit's core and nothing else. */
module dev.panagit.example {
    requires dev.panagit.core;
}
