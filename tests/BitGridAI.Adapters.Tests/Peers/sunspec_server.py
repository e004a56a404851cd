"""A SunSpec device for BitGridAI's tests on Debian's pymodbus (run with /usr/bin/python3).

usage: sunspec_server.py PORT [BASE] [low-word-first]
Marker "SunS" at BASE (default 40000), then common model 1 with L=65 (the short variant), inverter 103, meter 203,
battery 802, storage 124 (its SoC a little off the battery model's, as a real device may report) and the end marker. Only mapped registers exist; anything else is an illegal address.
With "low-word-first" the 32-bit accumulators are stored low word first, as some vendors do.
"""
import sys

from pymodbus.datastore import ModbusServerContext, ModbusSlaveContext, ModbusSparseDataBlock
from pymodbus.server import StartTcpServer


def text(value: str, registers: int) -> list:
    raw = value.encode("ascii").ljust(registers * 2, b"\0")
    return [(raw[i] << 8) | raw[i + 1] for i in range(0, registers * 2, 2)]


def u16(value: int) -> int:
    return value & 0xFFFF


def model(model_id: int, length: int, points: dict) -> list:
    body = [0] * length
    for offset, value in points.items():  # offsets count from the ID register, as in the SunSpec tables
        body[offset - 2] = u16(value)
    return [model_id, length] + body


def main() -> None:
    port = int(sys.argv[1])
    base = int(sys.argv[2]) if len(sys.argv) > 2 else 40000
    low_first = len(sys.argv) > 3 and sys.argv[3] == "low-word-first"
    # Mn 16, Md 16, Opt 8, Vr 8, SN 16, DA 1: 65 registers (the full variant adds a pad register: 66)
    common = [1, 65] + text("BitGridSim", 16) + text("Inverter X", 16) + [0] * 8 + text("1.0", 8) + text("SN-0042", 16) + [1]
    energy_words = (12345678 >> 16, 12345678 & 0xFFFF)
    if low_first:
        energy_words = energy_words[::-1]
    inverter = model(103, 50, {14: 12345, 15: -1, 16: 0xFFFF, 17: -2, 24: energy_words[0], 25: energy_words[1], 26: 0, 38: 4})
    meter = model(203, 105, {18: -1500, 22: 0, 38: 0, 39: 200000 & 0xFFFF, 46: 0, 47: 50000, 54: 0})
    meter[38] = 200000 >> 16
    battery = model(802, 62, {11: 655, 56: -1, 47: -1200, 63: 0})
    storage = model(124, 24, {2: 3500, 18: 0, 7: 100, 21: -1, 8: 650, 22: -1, 11: 4})
    registers = [0x5375, 0x6E53] + common + inverter + meter + battery + storage + [0xFFFF, 0]
    block = ModbusSparseDataBlock({base + i: v for i, v in enumerate(registers)})
    store = ModbusSlaveContext(hr=block, zero_mode=True)
    StartTcpServer(context=ModbusServerContext(slaves=store, single=True), address=("127.0.0.1", port))


if __name__ == "__main__":
    main()
