#!/usr/bin/env bash
# Lays out the spam model's data folder (DATA.md) from the public repositories, at the commits trained on.
#   bench/SpamModel/fetch-data.sh DATA
set -euo pipefail
data=${1:?usage: fetch-data.sh DATA}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# repository commit: each cloned without checkout, files read from the commit.
fetch() {
    git clone --quiet --no-checkout --filter=blob:none "https://github.com/$1.git" "$work/$1"
    git -C "$work/$1" cat-file -e "$2^{commit}"
}

fetch shravyashetty04/youtube-spam-detector 5649b037f9109d9625b73a4379f2da022bcc592f
mkdir -p "$data/youtube"
for f in Youtube01-Psy Youtube02-KatyPerry Youtube03-LMFAO Youtube04-Eminem Youtube05-Shakira; do
    git -C "$work/shravyashetty04/youtube-spam-detector" show "5649b037f9109d9625b73a4379f2da022bcc592f:$f.csv" > "$data/youtube/$f.csv"
done

fetch jkkummerfeld/irc-disentanglement 82ed04f9627a45d0d6f2ec3c8683c88eb408a0d5
irc="$work/jkkummerfeld/irc-disentanglement"
for day in train dev test; do
    mkdir -p "$data/irc/$day"
    git -C "$irc" ls-tree --name-only 82ed04f9627a45d0d6f2ec3c8683c88eb408a0d5 "data/$day/" | grep 'raw.txt$' | while read -r f; do
        git -C "$irc" show "82ed04f9627a45d0d6f2ec3c8683c88eb408a0d5:$f" > "$data/irc/$day/$(basename "$f")"
    done
done

fetch tizhproger/spamfilter ae80befbab51d8a13d64ade1198f8fa61101b392
mkdir -p "$data/telegram-ru"
git -C "$work/tizhproger/spamfilter" show "ae80befbab51d8a13d64ade1198f8fa61101b392:datasets/telegram_spam_ru.csv" > "$data/telegram-ru/telegram_spam_ru.csv"
echo "laid out $data"
