"""Which code a package runs: the files its entry points reach (reachability), the tool data nothing in a file uses
(bindings), and the dependency a tool-less package hands over to (delegation)."""
