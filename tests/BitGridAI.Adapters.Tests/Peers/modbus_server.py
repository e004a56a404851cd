"""A Modbus TCP server for BitGridAI's tests, on Debian's pymodbus (run with /usr/bin/python3).

usage: modbus_server.py PORT
Holding registers 0..199 hold 1000 + address; coils 0..63 start off; anything beyond is an illegal
address (exception 2), as a real device answers.
"""
import sys

from pymodbus.datastore import ModbusSequentialDataBlock, ModbusServerContext, ModbusSlaveContext
from pymodbus.server import StartTcpServer


def main() -> None:
    port = int(sys.argv[1])
    store = ModbusSlaveContext(
        co=ModbusSequentialDataBlock(0, [False] * 64),
        di=ModbusSequentialDataBlock(0, [False] * 64),
        hr=ModbusSequentialDataBlock(0, [1000 + a for a in range(200)]),
        ir=ModbusSequentialDataBlock(0, [2000 + a for a in range(200)]),
        zero_mode=True,
    )
    StartTcpServer(context=ModbusServerContext(slaves=store, single=True), address=("127.0.0.1", port))


if __name__ == "__main__":
    main()
