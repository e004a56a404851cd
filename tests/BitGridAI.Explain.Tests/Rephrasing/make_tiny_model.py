#!/usr/bin/python3
"""Writes a tiny onnxruntime-genai model folder for the rephraser tests.

Usage: make_tiny_model.py OUTPUT_FOLDER

Needs only Debian's python3-onnx (and the numpy it pulls in). The decoder has one layer with random
projections for its key/value cache, so it has the inputs, outputs and shapes that GenAI's decoder-only
path feeds and reads. Its next-token logits come from a table: random noise plus a strong bigram bias,
so that whatever the prompt ends with, the model answers "ok" and then the end token. That makes the
loading path testable end to end (encode, generate, decode) without any real language model.
"""
import json
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

LAYERS = 1
HEADS = 2
HEAD_SIZE = 4
HIDDEN = HEADS * HEAD_SIZE
CONTEXT = 256
PAD, BOS, EOS = 0, 1, 2
SPECIALS = ["<pad>", "<s>", "</s>"]


def byte_symbols():
    """The byte-level alphabet GPT-2 style tokenizers use: every byte maps to one printable character."""
    printable = list(range(ord("!"), ord("~") + 1)) + list(range(0xA1, 0xAC + 1)) + list(range(0xAE, 0xFF + 1))
    codes = printable[:]
    extra = 0
    for b in range(256):
        if b not in printable:
            printable.append(b)
            codes.append(256 + extra)
            extra += 1
    return {b: chr(c) for b, c in zip(printable, codes)}


def vocabulary():
    symbols = byte_symbols()
    vocab = {name: i for i, name in enumerate(SPECIALS)}
    for b in range(256):
        vocab[symbols[b]] = len(SPECIALS) + b
    return vocab


def write_model(folder, vocab_size):
    rng = np.random.default_rng(20261130)
    o_id = len(SPECIALS) + ord("o")
    k_id = len(SPECIALS) + ord("k")

    # Bigram logits: anything -> "o", "o" -> "k", "k" -> end. Noise stays far below the bias.
    table = rng.normal(0.0, 0.1, size=(vocab_size, vocab_size)).astype(np.float32)
    table[:, o_id] += 20.0
    table[o_id, o_id] -= 20.0
    table[o_id, k_id] += 20.0
    table[k_id, o_id] -= 20.0
    table[k_id, EOS] += 20.0

    embedding = rng.normal(0.0, 0.5, size=(vocab_size, HIDDEN)).astype(np.float32)
    inits = [numpy_helper.from_array(table, "bigram"), numpy_helper.from_array(embedding, "embedding"),
             numpy_helper.from_array(np.array([0, 0, HEADS, HEAD_SIZE], dtype=np.int64), "kv_shape")]
    nodes = [helper.make_node("Gather", ["bigram", "input_ids"], ["logits"]),
             helper.make_node("Gather", ["embedding", "input_ids"], ["hidden"])]
    inputs = [helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch", "sequence"]),
              helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch", "total_sequence"]),
              helper.make_tensor_value_info("position_ids", TensorProto.INT64, ["batch", "sequence"])]
    outputs = [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch", "sequence", vocab_size])]
    for layer in range(LAYERS):
        for kind in ("key", "value"):
            weight = f"w_{kind}_{layer}"
            inits.append(numpy_helper.from_array(rng.normal(0.0, 0.5, size=(HIDDEN, HIDDEN)).astype(np.float32), weight))
            past, present = f"past_key_values.{layer}.{kind}", f"present.{layer}.{kind}"
            # [batch, sequence, hidden] -> [batch, heads, sequence, head_size], appended to the past on axis 2.
            nodes += [helper.make_node("MatMul", ["hidden", weight], [f"{kind}{layer}_flat"]),
                      helper.make_node("Reshape", [f"{kind}{layer}_flat", "kv_shape"], [f"{kind}{layer}_split"]),
                      helper.make_node("Transpose", [f"{kind}{layer}_split"], [f"{kind}{layer}_new"], perm=[0, 2, 1, 3]),
                      helper.make_node("Concat", [past, f"{kind}{layer}_new"], [present], axis=2)]
            inputs.append(helper.make_tensor_value_info(past, TensorProto.FLOAT, ["batch", HEADS, "past_sequence", HEAD_SIZE]))
            outputs.append(helper.make_tensor_value_info(present, TensorProto.FLOAT, ["batch", HEADS, "total_sequence", HEAD_SIZE]))

    graph = helper.make_graph(nodes, "tiny_decoder", inputs, outputs, inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], producer_name="bitgridai-tests")
    model.ir_version = 8
    onnx.checker.check_model(model)
    onnx.save(model, os.path.join(folder, "model.onnx"))


def write_genai_config(folder, vocab_size):
    config = {
        "model": {
            "type": "llama",
            "bos_token_id": BOS,
            "eos_token_id": EOS,
            "pad_token_id": PAD,
            "context_length": CONTEXT,
            "vocab_size": vocab_size,
            "decoder": {
                "filename": "model.onnx",
                "session_options": {"log_id": "tiny", "provider_options": []},
                "head_size": HEAD_SIZE,
                "hidden_size": HIDDEN,
                "num_attention_heads": HEADS,
                "num_key_value_heads": HEADS,
                "num_hidden_layers": LAYERS,
                "inputs": {"input_ids": "input_ids", "attention_mask": "attention_mask",
                           "position_ids": "position_ids",
                           "past_key_names": "past_key_values.%d.key", "past_value_names": "past_key_values.%d.value"},
                "outputs": {"logits": "logits",
                            "present_key_names": "present.%d.key", "present_value_names": "present.%d.value"},
            },
        },
        "search": {"do_sample": False, "num_beams": 1, "num_return_sequences": 1, "max_length": CONTEXT,
                   "min_length": 0, "past_present_share_buffer": False, "top_k": 1, "top_p": 1.0,
                   "temperature": 1.0, "repetition_penalty": 1.0, "early_stopping": True, "length_penalty": 1.0,
                   "no_repeat_ngram_size": 0, "diversity_penalty": 0.0},
    }
    with open(os.path.join(folder, "genai_config.json"), "w", encoding="utf-8") as f:
        json.dump(config, f, indent=2)


def write_tokenizer(folder, vocab):
    added = [{"id": i, "content": name, "single_word": False, "lstrip": False, "rstrip": False,
              "normalized": False, "special": True} for i, name in enumerate(SPECIALS)]
    tokenizer = {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": added,
        "normalizer": None,
        "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": True},
        "post_processor": None,
        "decoder": {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": True, "use_regex": True},
        # No merges: every byte is its own token, which is all a test needs.
        "model": {"type": "BPE", "dropout": None, "unk_token": None, "continuing_subword_prefix": "",
                  "end_of_word_suffix": "", "fuse_unk": False, "byte_fallback": False, "vocab": vocab, "merges": []},
    }
    with open(os.path.join(folder, "tokenizer.json"), "w", encoding="utf-8") as f:
        json.dump(tokenizer, f, ensure_ascii=False)
    config = {"tokenizer_class": "GPT2Tokenizer", "bos_token": "<s>", "eos_token": "</s>", "pad_token": "<pad>",
              "unk_token": "</s>", "add_bos_token": False, "add_prefix_space": False, "model_max_length": CONTEXT,
              "clean_up_tokenization_spaces": False}
    with open(os.path.join(folder, "tokenizer_config.json"), "w", encoding="utf-8") as f:
        json.dump(config, f, indent=2)


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: make_tiny_model.py OUTPUT_FOLDER")
    folder = sys.argv[1]
    os.makedirs(folder, exist_ok=True)
    vocab = vocabulary()
    write_model(folder, len(vocab))
    write_genai_config(folder, len(vocab))
    write_tokenizer(folder, vocab)


if __name__ == "__main__":
    main()
